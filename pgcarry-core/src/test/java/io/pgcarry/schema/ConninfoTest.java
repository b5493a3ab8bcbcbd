package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whether a subscription's connection string holds a password, in libpq's two forms; what cannot be read is taken as holding one. */
class ConninfoTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "host=127.0.0.1 port=1 dbname=x password=sekrit",
            "password = sekrit host=h",
            "host=h password='it''s'",
            "host=h\tpassword=",
            "application_name='a b' password=x",
            "host='unclosed",
            "host",
            "postgresql://carrier:sekrit@127.0.0.1:1/x",
            "postgres://carrier:@h/x",
            "postgresql://h/x?sslmode=require&password=sekrit",
            "postgresql://h/x?pass%77ord=sekrit",
            "postgresql://h/x?%zz=1",
    })
    void aPasswordIsSeen(String conninfo) {
        assertThat(Conninfo.holdsPassword(conninfo)).as(conninfo).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "host=127.0.0.1 port=1 dbname=x",
            "",
            "host=h passfile=/home/app/.pgpass user=replicator",
            "dbname=password_db user=passwordless",
            "application_name='password=not really' host=h",
            "application_name='it\\'s password=no' host=h",
            "host=h application_name=x\\ password=y",
            "postgresql://carrier@127.0.0.1:1/x",
            "postgresql://h/x?passfile=%2Fhome%2F.pgpass&application_name=password",
            "postgresql://h:1/x?sslmode=require#password:x@",
    })
    void noPasswordIsSeenWhereThereIsNone(String conninfo) {
        assertThat(Conninfo.holdsPassword(conninfo)).as(conninfo).isFalse();
    }
}
