package quote

// Exported for the external tests.
var SharedRoot = sharedRoot
