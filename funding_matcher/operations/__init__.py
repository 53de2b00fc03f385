"""The only code that turns domain objects into rows and back, by area; flushes, never commits."""
