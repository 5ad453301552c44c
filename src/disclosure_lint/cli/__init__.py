"""The command line: ``dlint`` and its subcommands, the file walk, the worker pool, ``dlint server``."""
