//! The entry point Trunk builds: mounts [`anyqtama_web::App`] on `<body>`.

fn main() {
    yew::Renderer::<anyqtama_web::App>::new().render();
}

/// Talc instead of the standard library's dlmalloc: ~2.5 KB less gzipped WebAssembly.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without atomics: one thread allocates and frees.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
