//! The entry point Trunk builds: mounts [`anyqtama_web::App`] on `<body>`.

fn main() {
    yew::Renderer::<anyqtama_web::App>::new().render();
}
