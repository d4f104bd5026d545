import ArgumentParser

/// `ecowatch`: the console by default, and the commands around it (DESIGN.md's contract).
@main
struct EcoWatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecowatch",
        abstract: "A terminal console for Ningbo's ecological-environment rectification programme (2021).",
        discussion: """
            Without a command, starts the interactive console on the database (created and filled \
            from the bundled sample data on first use). Reports and snapshots print the same numbers \
            for scripts, spreadsheets and paper.
            """,
        subcommands: [ConsoleCommand.self, ReportCommand.self, SnapshotCommand.self, ImportCommand.self, IngestCommand.self, SimulateCommand.self, GenerateCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )
}
