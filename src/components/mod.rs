//! The widget's components, one a file.

pub mod check_page;
pub mod documents_page;
pub mod error_summary;
pub mod field;
pub mod header;
pub mod kind_choice;
pub mod message_list;
pub mod precheck_page;
pub mod print_page;
pub mod profession_picker;
pub mod section_page;
pub mod start_again;
pub mod submit_page;
pub mod update_notice;
