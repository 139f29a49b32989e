package conformance

import "context"

// An Engine runs a whole program and reports its outcome.
type Engine interface {
	// RunSource runs src as a main chunk named chunkName, in the
	// conformance profile, and returns the outcome with chunkName
	// normalised in the error message.
	RunSource(ctx context.Context, chunkName string, src []byte) (Outcome, error)
	// RunFile runs the file path (relative to dir) from directory dir, as
	// `lua5.1 path` does, in the conformance profile.
	RunFile(ctx context.Context, dir, path string) (Outcome, error)
}
