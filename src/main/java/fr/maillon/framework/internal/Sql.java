package fr.maillon.framework.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/** Parameters JDBC does not bind by itself. */
final class Sql {

    private Sql() {
    }

    /** A PostgreSQL text[] parameter. */
    static SqlTypeValue textArray(List<String> values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName)
                    throws SQLException {
                return connection.createArrayOf("text", values.toArray());
            }
        };
    }
}
