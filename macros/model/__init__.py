"""The data model: schema, loading with positions, cross-checks and disclosure control.

Knows nothing of the site, the language check or the audit.
"""
