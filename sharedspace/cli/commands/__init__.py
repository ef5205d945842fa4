"""One module per command (or group of commands). Each has ``add(subparsers)``."""
