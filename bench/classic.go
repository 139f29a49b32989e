package bench

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"

	glua "github.com/yuin/gopher-lua"
)

// classicFS holds the classic Lua programs: each is a chunk returning one
// number that checks it ran right.
//
//go:embed testdata/classic/*.lua
var classicFS embed.FS

// ClassicProgram is one classic Lua benchmark program.
type ClassicProgram struct {
	Name   string  // file name without .lua
	Source string  // the chunk
	Want   float64 // its result under reference lua5.1
}

// classicWant is each program's result under reference Lua 5.1
// (`lua5.1 -e "print(string.format('%.17g', dofile(F)))"`).
var classicWant = map[string]float64{
	"binarytrees":  25774,
	"fib":          17711,
	"loops":        16666649999,
	"nbody":        -0.16907160686959147,
	"spectralnorm": 1.274206093635559,
	"strings":      28400,
}

// ClassicPrograms returns the classic programs in name order.
func ClassicPrograms() ([]ClassicProgram, error) {
	ents, err := classicFS.ReadDir("testdata/classic")
	if err != nil {
		return nil, err
	}
	var out []ClassicProgram
	for _, e := range ents {
		src, err := classicFS.ReadFile(path.Join("testdata/classic", e.Name()))
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(e.Name(), ".lua")
		want, ok := classicWant[name]
		if !ok {
			return nil, fmt.Errorf("classic program %s has no reference result", name)
		}
		out = append(out, ClassicProgram{Name: name, Source: string(src), Want: want})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ScriptRunner runs one compiled Lua chunk repeatedly and returns its
// numeric result.
type ScriptRunner interface {
	Run() (float64, error)
}

// ScriptEngine compiles classic programs.
type ScriptEngine struct {
	Name    string
	Compile func(name, src string) (ScriptRunner, error)
}

// ScriptEngines returns the engines the classic programs run on.
func ScriptEngines() []*ScriptEngine {
	return []*ScriptEngine{KestrelScriptEngine, GopherLuaScriptEngine}
}

// GopherLuaScriptEngine compiles a chunk once to a FunctionProto and runs
// it on one reused LState with the standard libraries.
var GopherLuaScriptEngine = &ScriptEngine{
	Name: "gopherlua",
	Compile: func(name, src string) (ScriptRunner, error) {
		proto, err := GopherCompileProto(src, name)
		if err != nil {
			return nil, err
		}
		// The registry must grow for table.concat over thousands of
		// items (the default fixed size overflows).
		L := glua.NewState(glua.Options{RegistrySize: 1024 * 20, RegistryMaxSize: 1024 * 1024})
		return &gopherScript{L: L, proto: proto}, nil
	},
}

type gopherScript struct {
	L     *glua.LState
	proto *glua.FunctionProto
}

func (s *gopherScript) Run() (float64, error) {
	L := s.L
	L.Push(L.NewFunctionFromProto(s.proto))
	if err := L.PCall(0, 1, nil); err != nil {
		return 0, err
	}
	v := L.Get(-1)
	L.Pop(1)
	n, ok := v.(glua.LNumber)
	if !ok {
		return 0, fmt.Errorf("gopherlua: result %v is not a number", v)
	}
	return float64(n), nil
}
