package fr.maillon.account;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

/** A database without demo data, opened by the platform administrator that the environment names. */
@SpringBootTest(properties = { "maillon.demo=false", "maillon.admin.username=chef",
        "maillon.admin.password=une-longue-phrase" })
@AutoConfigureMockMvc
class FirstAdministratorTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void createsOnlyThePlatformAdministrator() throws Exception {
        assertThat(jdbc.sql("SELECT count(*) FROM organisation").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT username || ' ' || platform_admin FROM app_user").query(String.class).list())
                .containsExactly("chef true");
        assertThat(mvc.perform(formLogin("/login").user("chef").password("une-longue-phrase")).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/");
    }
}
