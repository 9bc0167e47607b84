package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.DefaultListsTesting.rustSignature;
import static io.breakwater.signature.DefaultListsTesting.signature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakwater's prefix list keeps "what" frames (allocators, primitives, panics) with the "where" frame. */
class DefaultPrefixListTest {

    private final SignatureLists.RegexList prefix = SignatureLists.defaults().prefix();

    @Test
    void allocatorsKeepTheirCaller() {
        assertEquals("__libc_free | crashlib_release", signature("Linux",
                "libc.so.6!raise", "libc.so.6!abort", "libc.so.6!__libc_message", "libc.so.6!malloc_printerr",
                "libc.so.6!_int_free", "libc.so.6!__libc_free", "libcrashlib.so!crashlib_release").signature());
        // A free operator normalizes to its last word, as in Socorro.
        assertEquals("delete | Widget::~Widget", signature("Linux",
                "libstdc++.so.6!operator delete(void*, unsigned long)", "app!Widget::~Widget()").signature());
        assertEquals("new[] | Image::Image", signature("Linux",
                "libstdc++.so.6!operator new[](unsigned long)", "app!Image::Image(int, int)").signature());
        assertEquals("RtlFreeHeap | _free_base | Cache::Evict", signature("Windows NT",
                "ntdll.dll!RtlReportCriticalFailure", "ntdll.dll!RtlpHeapHandleError", "ntdll.dll!RtlpHpHeapHandleError",
                "ntdll.dll!RtlpLogHeapFailure", "ntdll.dll!RtlFreeHeap", "ucrtbase.dll!_free_base",
                "app.exe!Cache::Evict(unsigned int)").signature());
    }

    @Test
    void memoryAndStringPrimitives() {
        assertEquals("__memmove_avx_unaligned_erms | Buffer::append", signature("Linux",
                "libc.so.6!__memmove_avx_unaligned_erms", "app!Buffer::append(char const*, unsigned long)").signature());
        assertEquals("__strlen_avx2 | Name::set", signature("Linux", "libc.so.6!__strlen_avx2", "app!Name::set(char const*)").signature());
        assertEquals("memcpy | Blob::copy", signature("Windows NT", "VCRUNTIME140.dll!memcpy", "app.exe!Blob::copy").signature());
        assertEquals("_platform_memmove | -[Reader read:]", signature("Mac OS X",
                "libsystem_platform.dylib!_platform_memmove", "App!-[Reader read:]").signature());
    }

    @Test
    void locksAndPureVirtualCalls() {
        assertEquals("___pthread_mutex_lock | Queue::push", signature("Linux", "libc.so.6!___pthread_mutex_lock", "app!Queue::push").signature());
        assertEquals("__cxa_pure_virtual | Base::notify", signature("Linux", "libstdc++.so.6!__cxa_pure_virtual", "app!Base::notify()").signature());
        assertEquals("_purecall | Base::notify", signature("Windows NT", "ucrtbase.dll!_purecall", "app.exe!Base::notify").signature());
        assertEquals("RtlEnterCriticalSection | Cache::Lookup", signature("Windows NT",
                "ntdll.dll!RtlpWaitOnCriticalSection", "ntdll.dll!RtlEnterCriticalSection", "app.exe!Cache::Lookup").signature());
    }

    @Test
    void rustPanicEntryPointsAndVecGrowth() {
        assertEquals("core::result::unwrap_failed | myapp::main", rustSignature(
                "myapp!core::panicking::panic_fmt", "myapp!core::result::unwrap_failed", "myapp!myapp::main").signature());
        assertEquals("core::panicking::panic_bounds_check | myapp::table::get", rustSignature(
                "myapp!core::panicking::panic_bounds_check", "myapp!myapp::table::get").signature());
        assertEquals("OOM | unknown | alloc::alloc::handle_alloc_error | alloc::vec::Vec<T>::push | myapp::grow", rustSignature(
                "libc.so.6!abort", "myapp!std::process::abort", "myapp!std::alloc::rust_oom", "myapp!__rg_oom",
                "myapp!alloc::alloc::handle_alloc_error", "myapp!alloc::raw_vec::handle_error",
                "myapp!alloc::raw_vec::RawVec<u8>::grow_one", "myapp!alloc::vec::Vec<u8>::push", "myapp!myapp::grow").signature());
    }

    @Test
    void cppThrowHelpersAndDispatchMisuse() {
        assertEquals("std::__throw_bad_alloc | Pool::grow", signature("Linux",
                "libc.so.6!abort", "libstdc++.so.6!__gnu_cxx::__verbose_terminate_handler()", "libstdc++.so.6!std::terminate()",
                "libstdc++.so.6!__cxa_throw", "libstdc++.so.6!std::__throw_bad_alloc()", "app!Pool::grow(unsigned long)").signature());
        assertEquals("_dispatch_assert_queue_fail | dispatch_assert_queue | -[Model update]", signature("Mac OS X",
                "libdispatch.dylib!_dispatch_assert_queue_fail", "libdispatch.dylib!dispatch_assert_queue", "App!-[Model update]").signature());
    }

    @Test
    void applicationFramesAreNotPrefixes() {
        assertFalse(prefix.matches("freeList"));
        assertFalse(prefix.matches("memory_pool_init"));
        assertFalse(prefix.matches("validate_config"));
        assertTrue(prefix.matches("free"));
    }
}
