package io.breakwater.search;

import java.time.LocalDate;
import java.util.function.Consumer;

/** Lists the crashes received on a day (UTC), to rebuild the search index from object storage. */
public interface CrashIdLister {

    void forEachCrashId(LocalDate receivedOn, Consumer<String> sink);
}
