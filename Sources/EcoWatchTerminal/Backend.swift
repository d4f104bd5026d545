import EcoWatchUI
