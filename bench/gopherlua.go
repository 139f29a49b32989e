package bench

import (
	"fmt"
	"regexp"
	"strings"

	glua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// GopherLuaEngine runs the Lua predicates on gopher-lua v1.1: the chunk is
// parsed and compiled once to a FunctionProto (shareable); each runner owns
// one LState in which the chunk is run once to obtain the predicate
// function. The event is a single reused userdata per LState whose Value
// points at the current Go event and whose metatable provides get_str,
// get_i64 and get_bool as Go functions, so passing an event allocates
// nothing on the host side.
var GopherLuaEngine = &Engine{
	Name:    "gopherlua",
	Compile: gopherCompile,
	Source:  func(p int) string { return LuaPredicates[p] },
	Prepare: func(evs []GoEvent) (*EventSet, error) { return &EventSet{Go: evs}, nil },
}

// GopherCompileProto parses and compiles a Lua chunk for gopher-lua.
func GopherCompileProto(src, name string) (*glua.FunctionProto, error) {
	chunk, err := parse.Parse(strings.NewReader(src), name)
	if err != nil {
		return nil, err
	}
	return glua.Compile(chunk, name)
}

func gopherCompile(src string, events *EventSet) (Program, error) {
	proto, err := GopherCompileProto(src, "rule")
	if err != nil {
		return nil, err
	}
	return &gopherProgram{proto: proto, evs: events.Go}, nil
}

type gopherProgram struct {
	proto *glua.FunctionProto
	evs   []GoEvent
}

// NewGopherState returns an LState with the standard libraries and the
// detection builtins kestrel-lua offers (string.contains,
// string.startswith, string.endswith, regex.match with a per-state cache of
// compiled patterns) registered as Go functions, plus the event metatable.
func NewGopherState() *glua.LState {
	L := glua.NewState()
	str := L.GetGlobal("string").(*glua.LTable)
	L.SetField(str, "contains", L.NewFunction(func(L *glua.LState) int {
		L.Push(glua.LBool(strings.Contains(L.CheckString(1), L.CheckString(2))))
		return 1
	}))
	L.SetField(str, "startswith", L.NewFunction(func(L *glua.LState) int {
		L.Push(glua.LBool(strings.HasPrefix(L.CheckString(1), L.CheckString(2))))
		return 1
	}))
	L.SetField(str, "endswith", L.NewFunction(func(L *glua.LState) int {
		L.Push(glua.LBool(strings.HasSuffix(L.CheckString(1), L.CheckString(2))))
		return 1
	}))
	cache := map[string]*regexp.Regexp{}
	rx := L.NewTable()
	L.SetField(rx, "match", L.NewFunction(func(L *glua.LState) int {
		pat, text := L.CheckString(1), L.CheckString(2)
		re, ok := cache[pat]
		if !ok {
			var err error
			if re, err = regexp.Compile(pat); err != nil {
				L.RaiseError("invalid regex %q: %v", pat, err)
			}
			cache[pat] = re
		}
		L.Push(glua.LBool(re.MatchString(text)))
		return 1
	}))
	L.SetGlobal("regex", rx)

	mt := L.NewTypeMetatable("event")
	L.SetField(mt, "__index", L.SetFuncs(L.NewTable(), map[string]glua.LGFunction{
		"get_str":  gopherGetStr,
		"get_i64":  gopherGetI64,
		"get_bool": gopherGetBool,
	}))
	return L
}

func gopherEvent(L *glua.LState) *GoEvent {
	ud := L.CheckUserData(1)
	ev, ok := ud.Value.(*GoEvent)
	if !ok {
		L.ArgError(1, "event expected")
	}
	return ev
}

func gopherGetStr(L *glua.LState) int {
	ev := gopherEvent(L)
	switch L.CheckInt(2) {
	case FieldExe:
		if !ev.HasExe {
			L.Push(glua.LNil)
			return 1
		}
		L.Push(glua.LString(ev.Exe))
	case FieldName:
		L.Push(glua.LString(ev.Name))
	default:
		L.Push(glua.LNil)
	}
	return 1
}

func gopherGetI64(L *glua.LState) int {
	ev := gopherEvent(L)
	switch L.CheckInt(2) {
	case FieldPid:
		L.Push(glua.LNumber(ev.Pid))
	case FieldUID:
		L.Push(glua.LNumber(ev.UID))
	default:
		L.Push(glua.LNil)
	}
	return 1
}

func gopherGetBool(L *glua.LState) int {
	ev := gopherEvent(L)
	if L.CheckInt(2) == FieldFlag {
		L.Push(glua.LBool(ev.Flag))
	} else {
		L.Push(glua.LNil)
	}
	return 1
}

// gopherRunner is one LState holding the predicate function and the reused
// event userdata.
type gopherRunner struct {
	L   *glua.LState
	fn  glua.LValue
	ud  *glua.LUserData
	evs []GoEvent
}

func (p *gopherProgram) NewRunner() (Runner, error) {
	L := NewGopherState()
	r, err := p.newRunnerIn(L)
	if err != nil {
		L.Close()
	}
	return r, err
}

// newRunnerIn instantiates the predicate in an existing LState.
func (p *gopherProgram) newRunnerIn(L *glua.LState) (Runner, error) {
	L.Push(L.NewFunctionFromProto(p.proto))
	if err := L.PCall(0, 1, nil); err != nil {
		return nil, err
	}
	fn := L.Get(-1)
	L.Pop(1)
	if fn.Type() != glua.LTFunction {
		return nil, fmt.Errorf("gopherlua: rule returned %s, not a function", fn.Type())
	}
	ud := L.NewUserData()
	L.SetMetatable(ud, L.GetTypeMetatable("event"))
	return &gopherRunner{L: L, fn: fn, ud: ud, evs: p.evs}, nil
}

func (r *gopherRunner) Eval(i int) (bool, error) {
	L := r.L
	r.ud.Value = &r.evs[i]
	L.Push(r.fn)
	L.Push(r.ud)
	if err := L.PCall(1, 1, nil); err != nil {
		return false, err
	}
	v := L.Get(-1)
	L.Pop(1)
	return glua.LVAsBool(v), nil
}
