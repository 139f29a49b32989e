package lua

import (
	"errors"
	"fmt"
)

// Limits of the configuration. A Config may lower the budgets, never raise
// them past these.
const (
	// DefaultMemoryLimitKB is the spec's per-evaluation memory budget (1 MiB).
	DefaultMemoryLimitKB = 1024
	// DefaultInstructionLimit is the spec's per-evaluation instruction budget.
	DefaultInstructionLimit = 1_000_000

	// MaxMemoryLimitKB caps Config.MemoryLimitKB at 1 GiB per evaluation:
	// the engine runs many evaluations at once, one per goroutine.
	MaxMemoryLimitKB = 1 << 20
	// MaxInstructionLimit caps Config.InstructionLimit (about a minute of
	// work for the VM; a predicate needing more is a bug or an attack).
	MaxInstructionLimit = 1 << 34
)

// Config configures an [Engine]. The zero Config is not valid; start from
// [DefaultConfig].
type Config struct {
	// MemoryLimitKB is the memory budget of one evaluation, in KiB, as
	// charged by the VM's cost model (vm.Meter). It also bounds the loading
	// of a rule (running its main chunk). 1..MaxMemoryLimitKB.
	MemoryLimitKB int
	// InstructionLimit is the instruction budget of one evaluation, in VM
	// instructions (builtins charge proportional units).
	// 1..MaxInstructionLimit.
	InstructionLimit int
	// EnableFFI makes the native Go modules registered with
	// [Engine.RegisterModule] visible to rules. Nothing else changes: io,
	// os, debug, load and friends stay absent.
	EnableFFI bool
	// EnableJIT switches the compiler's optimising passes on (constant
	// folding, the event field opcode, superinstructions). Off gives plain
	// Lua 5.1 bytecode. Results are identical either way.
	EnableJIT bool
	// DisableFastPath skips building a rule's predicate fast path
	// (vm.Leaf, see Rule.FastPath): every evaluation runs on a VM thread.
	// Results and counts are the same either way; it saves about 0.8 KB
	// per loaded rule at the cost of evaluation speed (3 to 6 times
	// slower for simple predicates).
	DisableFastPath bool
}

// DefaultConfig returns the spec's defaults: 1024 KiB, 1,000,000
// instructions, FFI disabled, JIT (optimiser) enabled.
func DefaultConfig() Config {
	return Config{
		MemoryLimitKB:    DefaultMemoryLimitKB,
		InstructionLimit: DefaultInstructionLimit,
		EnableFFI:        false,
		EnableJIT:        true,
	}
}

// ErrInvalidConfig is wrapped by the errors [NewEngine] returns for a bad
// Config.
var ErrInvalidConfig = errors.New("invalid config")

// Validate reports whether c is usable, naming the first bad setting.
func (c Config) Validate() error {
	if c.MemoryLimitKB <= 0 || c.MemoryLimitKB > MaxMemoryLimitKB {
		return fmt.Errorf("%w: MemoryLimitKB must be in 1..%d, got %d", ErrInvalidConfig, MaxMemoryLimitKB, c.MemoryLimitKB)
	}
	if c.InstructionLimit <= 0 || c.InstructionLimit > MaxInstructionLimit {
		return fmt.Errorf("%w: InstructionLimit must be in 1..%d, got %d", ErrInvalidConfig, MaxInstructionLimit, c.InstructionLimit)
	}
	return nil
}
