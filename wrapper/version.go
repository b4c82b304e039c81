package wrapper

// Version is this module's version. It is sent in the User-Agent header
// (portone-v1-go/<Version>) so PortOne's logs can tell this client apart
// from other Go programs. Bumped by hand with each tagged release.
const Version = "0.1.0"

// UserAgent is what every request of a Client says it is.
const UserAgent = "portone-v1-go/" + Version
