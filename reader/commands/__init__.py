"""Subcommands of `yuedu`: one module each, with ``register(subparsers)``; see :mod:`reader.cli`."""
