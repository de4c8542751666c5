"""yuedu (阅读): read Chinese in the terminal and study what you read."""

__version__ = "0.1.0"
