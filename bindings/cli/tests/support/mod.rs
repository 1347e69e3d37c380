pub mod faulty_idms;
