package io.breakwater.stackwalk;

import io.breakwater.minidump.CpuContext;
import io.breakwater.minidump.SystemInfo;

import java.util.List;
import java.util.OptionalLong;

/**
 * arm64: STACK CFI, then the frame-pointer chain (x29/x30 pairs), then stack scanning. Return
 * addresses may carry pointer-authentication bits; they are masked to the range of loaded modules.
 */
final class Arm64Unwinder extends Unwinder {

    private static final int FP = 29, LR = 30, SP = 31, PC = 32;

    private final long addressMask;

    Arm64Unwinder(StackMemory memory, FrameSymbolizer symbolizer, SystemInfo systemInfo) {
        super(CpuRegisters.ARM64, memory, symbolizer, systemInfo);
        long mask = -1L;
        if (!symbolizer.modules().isEmpty()) {
            // Smallest all-ones mask covering the highest module: bits above it are PAC signatures.
            mask = symbolizer.modules().highestEnd();
            mask |= mask >>> 1;
            mask |= mask >>> 2;
            mask |= mask >>> 4;
            mask |= mask >>> 8;
            mask |= mask >>> 16;
            mask |= mask >>> 32;
        }
        this.addressMask = mask;
    }

    long stripPointerAuthentication(long pointer) {
        long stripped = pointer & addressMask;
        return symbolizer.modules().at(stripped) != null ? stripped : pointer;
    }

    @Override
    public StackFrame contextFrame(CpuContext context) {
        StackFrame frame = super.contextFrame(context);
        if (frame.registers.isValid(LR)) frame.registers.set(LR, stripPointerAuthentication(frame.registers.get(LR)));
        return frame;
    }

    @Override
    public StackFrame callerFrame(List<StackFrame> frames, boolean scanAllowed) {
        if (memory == null || frames.isEmpty()) return null;
        StackFrame last = frames.get(frames.size() - 1);
        boolean first = last.trust == FrameTrust.CONTEXT;
        RegisterSet caller = byCfi(last);
        FrameTrust trust = FrameTrust.CFI;
        if (caller == null) {
            caller = byFramePointer(frames, last);
            trust = FrameTrust.FRAME_POINTER;
        }
        if (caller == null && scanAllowed) {
            caller = byScan(last, first);
            trust = FrameTrust.SCAN;
        }
        if (caller == null) return null;
        long pc = caller.get(PC);
        if (terminate(pc, caller.get(SP), last.registers.get(SP), first)) return null;
        return new StackFrame(pc - 4, pc, trust, caller);
    }

    private RegisterSet byCfi(StackFrame last) {
        CfiResult r = evaluateCfi(symbolizer.cfi(last), last.registers);
        if (r == null) return null;
        RegisterSet caller = r.explicit();
        for (int i = 19; i <= 29; i++) {
            if (!caller.isValid(i) && last.registers.isValid(i)) caller.set(i, last.registers.get(i));
        }
        if (!caller.isValid(PC)) caller.set(PC, r.ra());
        if (!caller.isValid(SP)) caller.set(SP, r.cfa());
        caller.set(PC, stripPointerAuthentication(caller.get(PC)));
        return caller;
    }

    private RegisterSet byFramePointer(List<StackFrame> frames, StackFrame last) {
        RegisterSet lastRegs = last.registers;
        if (!lastRegs.isValid(LR)) correctLinkRegister(frames, last);
        long fp = lastRegs.get(FP);
        long callerFp = 0;
        long callerLr = 0;
        if (fp != 0) {
            OptionalLong f = read(fp);
            if (f.isEmpty()) return null;
            OptionalLong l = read(fp + 8);
            if (l.isEmpty()) return null;
            callerFp = f.getAsLong();
            callerLr = stripPointerAuthentication(l.getAsLong());
        }
        long callerSp = fp != 0 ? fp + 16 : lastRegs.get(SP);
        RegisterSet caller = new RegisterSet(regs);
        caller.set(FP, callerFp);
        caller.set(SP, callerSp);
        caller.set(PC, lastRegs.get(LR));
        caller.set(LR, callerLr);
        return caller;
    }

    /**
     * A CFI-recovered frame may lack lr; when its fp agrees with the callee's saved frame record, take
     * lr from that record.
     */
    private void correctLinkRegister(List<StackFrame> frames, StackFrame last) {
        RegisterSet lastRegs = last.registers;
        if (frames.size() < 2 || Long.compareUnsigned(lastRegs.get(FP), lastRegs.get(SP)) <= 0) return;
        StackFrame callee = frames.get(frames.size() - 2);
        long calleeFp = callee.registers.get(FP);
        long savedFp = 0;
        if (calleeFp != 0) {
            OptionalLong v = read(calleeFp);
            if (v.isEmpty()) return;
            savedFp = v.getAsLong();
        }
        if (lastRegs.get(FP) != savedFp) return;
        long savedLr = 0;
        if (calleeFp != 0) {
            OptionalLong v = read(calleeFp + 8);
            if (v.isEmpty()) return;
            savedLr = v.getAsLong();
        }
        lastRegs.set(LR, stripPointerAuthentication(savedLr));
    }

    private RegisterSet byScan(StackFrame last, boolean contextFrame) {
        long[] found = scanForReturnAddress(last.registers.get(SP), contextFrame);
        if (found == null) return null;
        RegisterSet caller = new RegisterSet(regs);
        caller.set(PC, found[1]);
        caller.set(SP, found[0] + 8);
        return caller;
    }
}
