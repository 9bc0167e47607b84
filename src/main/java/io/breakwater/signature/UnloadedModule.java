package io.breakwater.signature;

import java.util.List;

/** An unloaded module whose address range covers a frame that no loaded module covers. */
public record UnloadedModule(String module, List<String> offsets) {

    public UnloadedModule {
        offsets = offsets == null ? List.of() : List.copyOf(offsets);
    }
}
