package fake

import (
	"github.com/portone-community/portone-v1-go/fake/internal/api"
)

// handlers implements the generated ServerInterface. Operations without a
// method here fall through to api.Unimplemented, which the gate turns into
// a "not emulated" envelope; EmulatedOperations tells them apart.
type handlers struct {
	api.Unimplemented
	s *Server
}
