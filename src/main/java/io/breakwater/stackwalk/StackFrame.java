package io.breakwater.stackwalk;

import io.breakwater.minidump.MinidumpModule;
import io.breakwater.symbols.ModuleSymbols;

import java.util.List;

/**
 * One physical frame of a thread's stack, with the inline frames expanded from it.
 *
 * <p>{@link #instruction} is the address used for symbol and unwind-info lookup: the program counter
 * for the context frame, the return address minus one (x86, amd64), two (arm) or four (arm64) for
 * callers, as Breakpad does. {@link #returnAddress} is the program counter value itself.
 */
public final class StackFrame {

    long instruction;
    long returnAddress;
    FrameTrust trust;
    RegisterSet registers;

    MinidumpModule module;
    String functionName;
    long functionBase;
    boolean hasFunctionBase;
    String sourceFile;
    int sourceLine;
    long sourceLineBase;
    boolean hasLine;
    List<InlineFrame> inlines = List.of();

    /** Unwind info remembered while walking (x86 STACK WIN parameter sizes of callees). */
    ModuleSymbols.WinFrameInfo winFrameInfo;
    long winParameterSize;
    boolean winParameterSizeValid;

    StackFrame(long instruction, long returnAddress, FrameTrust trust, RegisterSet registers) {
        this.instruction = instruction;
        this.returnAddress = returnAddress;
        this.trust = trust;
        this.registers = registers;
    }

    public long instruction() { return instruction; }

    public long returnAddress() { return returnAddress; }

    public FrameTrust trust() { return trust; }

    public RegisterSet registers() { return registers; }

    /** The module holding {@link #instruction}, or null. */
    public MinidumpModule module() { return module; }

    public String functionName() { return functionName; }

    /** Absolute start of the function or public symbol; meaningful only when {@link #hasFunctionBase}. */
    public long functionBase() { return functionBase; }

    public boolean hasFunctionBase() { return hasFunctionBase; }

    /** Source file of the physical frame (after inline expansion: the outermost call site). */
    public String sourceFile() { return sourceFile; }

    public int sourceLine() { return sourceLine; }

    public boolean hasLine() { return hasLine; }

    /** Absolute start address of the line record found at {@link #instruction}. */
    public long sourceLineBase() { return sourceLineBase; }

    /** Inline frames, innermost first. */
    public List<InlineFrame> inlines() { return inlines; }
}
