package io.breakwater.stackwalk;

import io.breakwater.minidump.SystemInfo;

import java.util.List;
import java.util.OptionalLong;

/** amd64: STACK CFI, then (not on Windows) the rbp chain, then stack scanning. */
final class Amd64Unwinder extends Unwinder {

    private static final int RIP = 16, RSP = 7, RBP = 6;

    Amd64Unwinder(StackMemory memory, FrameSymbolizer symbolizer, SystemInfo systemInfo) {
        super(CpuRegisters.AMD64, memory, symbolizer, systemInfo);
    }

    @Override
    public StackFrame callerFrame(List<StackFrame> frames, boolean scanAllowed) {
        if (memory == null || frames.isEmpty()) return null;
        StackFrame last = frames.get(frames.size() - 1);
        boolean first = last.trust == FrameTrust.CONTEXT;
        RegisterSet caller = byCfi(last);
        FrameTrust trust = FrameTrust.CFI;
        if (caller == null && first && isWindows()) {
            caller = bySimulatedReturn(last);
            trust = FrameTrust.LEAF;
        }
        if (caller == null && !isWindows()) {
            caller = byFramePointer(last);
            trust = FrameTrust.FRAME_POINTER;
        }
        if (caller == null && scanAllowed) {
            caller = byScan(last, first);
            trust = FrameTrust.SCAN;
        }
        if (caller == null) return null;
        long rip = caller.get(RIP);
        long rsp = caller.get(RSP);
        if (terminate(rip, rsp, last.registers.get(RSP), first)) return null;
        return new StackFrame(rip - 1, rip, trust, caller);
    }

    private RegisterSet byCfi(StackFrame last) {
        CfiResult r = evaluateCfi(symbolizer.cfi(last), last.registers);
        if (r == null) return null;
        RegisterSet caller = r.explicit();
        if (!caller.isValid(RSP)) caller.set(RSP, r.cfa());
        if (!caller.isValid(RIP)) caller.set(RIP, r.ra());
        for (int i = 0; i < regs.count(); i++) {
            if (!caller.isValid(i) && regs.isCalleeSaved(i) && last.registers.isValid(i)) {
                caller.set(i, last.registers.get(i));
            }
        }
        if (caller.get(RIP) == 0 || caller.get(RSP) == 0) return null;
        return caller;
    }

    private static boolean nonCanonical(long p) {
        return Long.compareUnsigned(p, 0x7FFF_FFFF_FFFFL) > 0 && Long.compareUnsigned(p, 0xFFFF_8000_0000_0000L) < 0;
    }

    private RegisterSet byFramePointer(StackFrame last) {
        if (!last.registers.isValid(RBP)) return null;
        long rbp = last.registers.get(RBP);
        if (rbp % 8 != 0) return null;
        OptionalLong ripValue = read(rbp + 8);
        OptionalLong rbpValue = read(rbp);
        if (ripValue.isEmpty() || rbpValue.isEmpty()) return null;
        long callerRip = ripValue.getAsLong();
        long callerRbp = rbpValue.getAsLong();
        long callerRsp = rbp + 16;
        if (nonCanonical(callerRip)) return null;
        if (Long.compareUnsigned(callerRsp, rbp) <= 0 || Long.compareUnsigned(callerRbp, callerRsp) < 0) return null;
        if (read(callerRbp).isEmpty()) return null;
        RegisterSet caller = new RegisterSet(regs);
        caller.set(RIP, callerRip);
        caller.set(RSP, callerRsp);
        caller.set(RBP, callerRbp);
        return caller;
    }

    private RegisterSet bySimulatedReturn(StackFrame last) {
        long[] found = scanForReturnAddress(last.registers.get(RSP), 1);
        if (found == null) return null;
        RegisterSet caller = last.registers.copy();
        caller.set(RIP, found[1]);
        caller.set(RSP, found[0] + 8);
        return caller;
    }

    private RegisterSet byScan(StackFrame last, boolean contextFrame) {
        long[] found = scanForReturnAddress(last.registers.get(RSP), contextFrame);
        if (found == null) return null;
        long location = found[0];
        RegisterSet caller = new RegisterSet(regs);
        caller.set(RIP, found[1]);
        caller.set(RSP, location + 8);
        if (last.registers.isValid(RBP)) {
            long rbp = last.registers.get(RBP);
            if (location - 8 == rbp) {
                // The callee pushed the caller's rbp just below the return address.
                OptionalLong saved = read(rbp);
                if (saved.isPresent() && Long.compareUnsigned(saved.getAsLong(), location) > 0) {
                    caller.set(RBP, saved.getAsLong());
                }
            } else if (Long.compareUnsigned(rbp, location + 8) >= 0) {
                caller.set(RBP, rbp);
            }
        }
        return caller;
    }
}
