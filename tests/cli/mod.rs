mod critique;
mod eval;
mod interview;
mod interview_loop;
mod listings;
mod model;
mod resume;
mod util;
