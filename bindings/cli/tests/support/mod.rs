pub mod faulty_idms;
pub mod run;
