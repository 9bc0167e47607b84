package io.breakwater.stackwalk;

import io.breakwater.minidump.CpuContext;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Register values of one frame; a register is either known (valid) or not. */
public final class RegisterSet {

    private final CpuRegisters cpu;
    private final long[] values;
    private final boolean[] valid;

    public RegisterSet(CpuRegisters cpu) {
        this.cpu = cpu;
        this.values = new long[cpu.count()];
        this.valid = new boolean[cpu.count()];
    }

    public static RegisterSet of(CpuRegisters cpu, CpuContext context) {
        RegisterSet set = new RegisterSet(cpu);
        if (context == null) return set;
        for (Map.Entry<String, Long> e : context.registers().entrySet()) {
            int i = cpu.indexOf(e.getKey());
            if (i >= 0 && e.getValue() != null) set.set(i, e.getValue());
        }
        return set;
    }

    public RegisterSet copy() {
        RegisterSet c = new RegisterSet(cpu);
        System.arraycopy(values, 0, c.values, 0, values.length);
        System.arraycopy(valid, 0, c.valid, 0, valid.length);
        return c;
    }

    public CpuRegisters cpu() { return cpu; }

    public boolean isValid(int i) { return valid[i]; }

    public long get(int i) { return values[i]; }

    public void set(int i, long value) {
        values[i] = value & (cpu.wordSize() == 8 ? -1L : 0xFFFF_FFFFL);
        valid[i] = true;
    }

    public void invalidate(int i) {
        valid[i] = false;
        values[i] = 0;
    }

    /** Keeps only the registers at the given indexes valid. */
    public void retainOnly(int... keep) {
        boolean[] k = new boolean[valid.length];
        for (int i : keep) k[i] = true;
        for (int i = 0; i < valid.length; i++) if (!k[i]) invalidate(i);
    }

    public void invalidateAll() {
        Arrays.fill(valid, false);
        Arrays.fill(values, 0);
    }

    public long pc() { return values[cpu.pcIndex()]; }

    public long sp() { return values[cpu.spIndex()]; }

    public boolean allValid() {
        for (boolean v : valid) if (!v) return false;
        return true;
    }

    /** Valid registers in canonical order, name to value. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) if (valid[i]) m.put(cpu.name(i), values[i]);
        return m;
    }
}
