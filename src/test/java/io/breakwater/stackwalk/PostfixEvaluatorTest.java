package io.breakwater.stackwalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostfixEvaluatorTest {

    private final TestMemory memory = new TestMemory(0x1000, 0x100)
            .put64(0x1010, 0x1122334455667788L)
            .put32(0x1020, 0xCAFEBABEL);

    private OptionalLong value64(String expr, Map<String, Long> dict) {
        return new PostfixEvaluator(dict, new StackMemory(memory, 8), 8).evaluateForValue(expr);
    }

    @Test
    void arithmeticAndRegisterLookup() {
        Map<String, Long> d = new HashMap<>(Map.of("$rsp", 0x1000L));
        assertEquals(0x1010L, value64("$rsp 16 +", d).getAsLong());
        assertEquals(0x0ff8L, value64("$rsp 8 -", d).getAsLong());
        assertEquals(0x0ff8L, value64("$rsp -8 +", d).getAsLong());
        assertEquals(42L, value64("6 7 *", d).getAsLong());
        assertEquals(3L, value64("10 3 /", d).getAsLong());
        assertEquals(1L, value64("10 3 %", d).getAsLong());
        assertEquals(0x1230L, value64("4660 16 @", d).getAsLong(), "align down to 16");
    }

    @Test
    void dereferenceReadsAWordOfTheStack() {
        Map<String, Long> d = new HashMap<>(Map.of(".cfa", 0x1018L));
        assertEquals(0x1122334455667788L, value64(".cfa -8 + ^", d).getAsLong());
        assertTrue(value64(".cfa 1000 + ^", d).isEmpty(), "outside the captured stack");
    }

    @Test
    void thirtyTwoBitArithmeticWraps() {
        Map<String, Long> d = new HashMap<>(Map.of("$esp", 2L));
        PostfixEvaluator e = new PostfixEvaluator(d, new StackMemory(memory, 4), 4);
        assertEquals(0xFFFF_FFFEL, e.evaluateForValue("$esp 4 -").getAsLong());
        assertEquals(0xCAFEBABEL, e.evaluateForValue("4128 ^").getAsLong());
    }

    @Test
    void failuresAreReportedNotThrown() {
        Map<String, Long> d = new HashMap<>(Map.of("$rsp", 8L));
        assertTrue(value64("$rbp 8 +", d).isEmpty(), "unknown register");
        assertTrue(value64("8 0 /", d).isEmpty(), "division by zero");
        assertTrue(value64("8 0 %", d).isEmpty(), "modulus by zero");
        assertTrue(value64("+", d).isEmpty(), "stack underflow");
        assertTrue(value64("1 2", d).isEmpty(), "two values left");
        assertTrue(value64("", d).isEmpty(), "nothing left");
        assertTrue(value64("99999999999999999999999", d).isEmpty(), "literal too large is an unknown identifier");
        assertTrue(value64("0x10", d).isEmpty(), "hex is not a literal");
    }

    @Test
    void stackWinProgramAssignsVariables() {
        TestMemory stack = new TestMemory(0x2000, 0x40).put32(0x2010, 0x2020).put32(0x2014, 0x401000);
        Map<String, Long> d = new HashMap<>(Map.of("$ebp", 0x2010L, "$esp", 0x2000L));
        Set<String> assigned = new HashSet<>();
        PostfixEvaluator e = new PostfixEvaluator(d, new StackMemory(stack, 4), 4);
        assertTrue(e.evaluate("$T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + =", assigned));
        assertEquals(0x401000L, d.get("$eip"));
        assertEquals(0x2020L, d.get("$ebp"));
        assertEquals(0x2018L, d.get("$esp"));
        assertEquals(Set.of("$T0", "$eip", "$ebp", "$esp"), assigned);
    }

    @Test
    void assignmentGluedToTheNextTokenIsAccepted() {
        TestMemory stack = new TestMemory(0x2000, 0x40).put32(0x2014, 0x401000);
        Map<String, Long> d = new HashMap<>(Map.of("$ebp", 0x2010L));
        PostfixEvaluator e = new PostfixEvaluator(d, new StackMemory(stack, 4), 4);
        assertTrue(e.evaluate("$T0 $ebp =$eip $T0 4 + ^ =", null));
        assertEquals(0x401000L, d.get("$eip"));
    }

    @Test
    void assignmentNeedsADollarVariable() {
        Map<String, Long> d = new HashMap<>();
        PostfixEvaluator e = new PostfixEvaluator(d, new StackMemory(memory, 4), 4);
        assertFalse(e.evaluate("foo 1 =", null));
        assertFalse(e.evaluate("1 2 =", null));
        assertFalse(e.evaluate("$x 1", null), "leftover values fail a program");
    }

    @Test
    void identifiersAreLookedUpOnlyWhenUsed() {
        List<String> asked = new ArrayList<>();
        PostfixEvaluator.Variables registers = new PostfixEvaluator.Variables() {
            @Override
            public Long get(String name) {
                asked.add(name);
                return name.equals("$rsp") ? 0x1000L : null;
            }

            @Override
            public void put(String name, long value) {
                throw new AssertionError("nothing is assigned");
            }
        };
        PostfixEvaluator e = new PostfixEvaluator(registers, new StackMemory(memory, 8), 8);
        assertEquals(0x1008L, e.evaluateForValue("$rsp 8 +").getAsLong());
        assertTrue(e.evaluateForValue("$rbp 8 +").isEmpty());
        assertEquals(List.of("$rsp", "$rbp"), asked);
    }

    @Test
    void aRuleTextIsSplitIntoTokensOnceAndReused() {
        PostfixProgram p = PostfixProgram.of("$T0 $ebp =$eip -8 ^");
        assertSame(p, PostfixProgram.of("$T0 $ebp =$eip -8 ^"), "the cached program is reused");
        assertEquals(List.of(PostfixProgram.IDENTIFIER, PostfixProgram.IDENTIFIER, PostfixProgram.ASSIGN,
                PostfixProgram.IDENTIFIER, PostfixProgram.LITERAL, PostfixProgram.DEREFERENCE), ops(p));
        assertEquals("$eip", p.identifiers[3]);
        assertEquals(-8L, p.literals[4]);
        assertEquals(List.of(PostfixProgram.SUBTRACT, PostfixProgram.LITERAL, PostfixProgram.IDENTIFIER),
                ops(PostfixProgram.compile(" -\t+5  x ")));
    }

    private static List<Byte> ops(PostfixProgram p) {
        List<Byte> ops = new ArrayList<>();
        for (byte b : p.ops) ops.add(b);
        return ops;
    }
}
