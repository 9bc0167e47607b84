package io.breakwater.minidump;

/**
 * The MiscInfo stream (MINIDUMP_MISC_INFO up to version 5). Fields are null when the stream is too
 * short for them or its flags mark them invalid. Times are seconds (create time: Unix epoch).
 */
public record MiscInfo(long sizeOfInfo, long flags1, Long processId, Long processCreateTime,
                       Long processUserTime, Long processKernelTime, Long processorMaxMhz,
                       Long processorCurrentMhz, Long processorMhzLimit, Long processIntegrityLevel,
                       Long processExecuteFlags, Long protectedProcess, Long timeZoneId, Integer timeZoneBias,
                       String standardTimeZoneName, String daylightTimeZoneName, String buildString,
                       String debugBuildString, Long processCookie) {}
