"""The engine: rule registry, selection, severity, suppression, order; the settings a run uses."""
