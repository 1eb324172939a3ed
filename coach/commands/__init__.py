"""Headless subcommands of `coach`; each module has `register(subparsers)`."""
