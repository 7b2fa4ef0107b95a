mod interview;
mod listings;
mod model;
mod resume;
mod util;
