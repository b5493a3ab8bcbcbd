CREATE INDEX t_name ON t (name);
