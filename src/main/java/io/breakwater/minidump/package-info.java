/**
 * A plain-Java reader for the Microsoft minidump format as Breakpad, Crashpad and Windows write it.
 *
 * <p>{@link io.breakwater.minidump.Minidump#open} memory-maps the file read-only; every read is checked
 * against the file and against the declared range of the stream or record it belongs to. Only the
 * header and the stream directory are read eagerly; each stream is decoded on first access and cached.
 * An unusable header or directory is a {@link io.breakwater.minidump.MinidumpFormatException}; any
 * other damage (truncation, lying sizes or counts, overlapping or out-of-range streams) gives a partial
 * result and an entry in {@link io.breakwater.minidump.Minidump#notes()}. Counts are capped by what
 * the stream can hold, and a per-dump decoding budget (fixed allowance plus twice the file size) stops
 * lists whose entries all point at the same large record from expanding a small file.
 *
 * <p>Choices where references differ:
 * <ul>
 *   <li>ELF modules: the debug file is the code file's basename (Breakpad's raw reader reports the
 *       whole path, but symbol stores and {@code minidump_stackwalk -m} use the basename).</li>
 *   <li>macOS/iOS modules: the code id is the Mach-O UUID in lower-case hex (as rust-minidump);
 *       Breakpad prints the placeholder "id". Windows: {@code %08X%x} of timestamp and image size.
 *       Other modules without a build id have a null code id.</li>
 *   <li>Debug ids print the PDB age in upper-case hex (Breakpad's raw reader uses lower case).</li>
 *   <li>Context flags decide which registers are valid. A flag word with only the CPU bit (Breakpad's
 *       macOS writer) or without the control group is treated as "all registers valid", with a note
 *       in the latter case, because pc and sp are indispensable and such writers do fill them.</li>
 *   <li>Exception addresses are reported raw; truncating 32-bit dumps' addresses is the processor's job.</li>
 * </ul>
 */
package io.breakwater.minidump;
