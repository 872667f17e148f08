package fr.maillon.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The value chain's forms as a person fills them from an evaluation's page, each checked on the
 * page it leads back to.
 */
record ChainForms(WebDriver driver) {

    void stakeholder(String name, String type, boolean member) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter une partie prenante")));
        driver.findElement(By.id("name")).sendKeys(name);
        select("type", type);
        if (member) {
            driver.findElement(By.id("communityMember1")).click();
        }
        submit();
        assertThat(driver.findElement(By.id("stakeholders")).getText()).contains(name);
    }

    /** An element through one of the "Ajouter …" links, with its choices as pairs of select id and visible text. */
    void element(String addLink, String name, String... choices) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText(addLink)));
        driver.findElement(By.id("name")).sendKeys(name);
        for (int i = 0; i < choices.length; i += 2) {
            select(choices[i], choices[i + 1]);
        }
        submit();
        assertThat(driver.findElement(By.id("main")).getText()).contains(name);
    }

    void link(String source, String target) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter un lien")));
        select("sourceId", source);
        select("targetId", target);
        driver.findElement(By.id("rationale")).sendKeys("test");
        submit();
        assertThat(driver.findElement(By.id("links")).getText()).contains(source + " → " + target);
    }

    void interaction(String stakeholder, String activity, String cost, String benefit) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter une interaction")));
        select("stakeholderId", stakeholder);
        select("activityId", activity);
        driver.findElement(By.id("cost")).sendKeys(cost);
        driver.findElement(By.id("benefit")).sendKeys(benefit);
        submit();
        assertThat(driver.findElement(By.id("interactions")).getText()).contains(cost).contains(benefit);
    }

    void select(String id, String text) {
        new Select(driver.findElement(By.id(id))).selectByVisibleText(text);
    }

    /** A date typed the way a date picker would set it. */
    void date(String id, String isoDate) {
        WebElement input = driver.findElement(By.id(id));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, isoDate);
    }

    void submit() {
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
    }
}
