import ArgumentParser
import Foundation
import EcoWatchCore

/// `ecowatch import`: (re)loads the data set, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load the data set into the database, all or nothing.",
        discussion: "Every file is checked first; a data set with any error changes nothing. Live data (readings, alarms) is kept.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let directory = try Locations.dataDirectory(store.data)
        let programme = try DataSetLoader.load(directory: URL(fileURLWithPath: directory), displayPath: directory)
        let location = try store.location()
        let database = try location.open()
        try database.replaceProgramme(programme)
        print("Imported \(directory) into \(location): \(programme.districts.count) districts, \(programme.indicators.count) indicators, "
              + "\(programme.observations.count) observations, \(programme.tasks.count) tasks, \(programme.events.count) task events, "
              + "\(programme.stations.count) stations.")
    }
}
