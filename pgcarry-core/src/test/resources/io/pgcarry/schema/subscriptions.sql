-- Subscriptions (PostgreSQL 13 on), created without connecting: the publisher (port 1) does not exist. Needs a superuser.
CREATE SUBSCRIPTION plain_sub CONNECTION 'host=127.0.0.1 port=1 dbname=x' PUBLICATION p1 WITH (connect = false);
CREATE SUBSCRIPTION "Odd Sub" CONNECTION 'host=127.0.0.1 port=1 dbname=x application_name=''odd one''' PUBLICATION p1, "P Two"
    WITH (connect = false, slot_name = NONE, synchronous_commit = 'remote_apply');
CREATE SUBSCRIPTION uri_sub CONNECTION 'postgresql://carrier@127.0.0.1:1/x?application_name=uri' PUBLICATION p3
    WITH (connect = false, slot_name = 'shared_slot');
COMMENT ON SUBSCRIPTION plain_sub IS 'replica of x';
