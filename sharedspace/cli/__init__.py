"""The `sharedspace` command line (CONTRACT.md, "Command line").

A thin edge: commands parse their arguments, call governance actions and selectors, and
print results. Standard output carries only each command's result; everything else
(migration notices, progress, warnings) goes to standard error.
"""
