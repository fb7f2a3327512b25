"""The ground floor every room builds on: one YAML reader and one kind of problem message.

`macros.model`, `macros.language` and `macros.audit` may import from here; this package
imports from none of them.
"""
