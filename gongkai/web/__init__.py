"""The Django project of gongkai: settings from the environment, URLs, WSGI, and the web commands.

Nothing here is imported by the pure cores; the command-line handlers import Django lazily.
"""
