-- Every option CREATE SUBSCRIPTION has on 17 away from its default.
CREATE SUBSCRIPTION tuned CONNECTION 'host=127.0.0.1 port=1 dbname=x' PUBLICATION p1
    WITH (connect = false, binary = true, streaming = parallel, two_phase = true, disable_on_error = true, origin = none,
          password_required = false, run_as_owner = true, failover = true);
CREATE SUBSCRIPTION streams CONNECTION 'host=127.0.0.1 port=1 dbname=x' PUBLICATION p1 WITH (connect = false, streaming = on);
