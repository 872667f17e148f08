package fr.maillon.restitution.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Maillon's own drawings pass; anything that could run, load, link or be read otherwise by a browser does not. */
class PicturesTests {

    private static final String NS = "xmlns=\"http://www.w3.org/2000/svg\"";

    @Test
    void maillonsOwnDrawingsPass() {
        assertThat(Pictures.safe("")).isTrue();
        assertThat(Pictures.safe("<svg " + NS + " width=\"480\" height=\"170\" viewBox=\"0 0 480 170\" role=\"img\" "
                + "class=\"chart\"><title>Heures &amp; bocaux &lt;2021&gt;</title><line x1=\"10\" y1=\"140\" x2=\"470\" "
                + "y2=\"140\" stroke=\"#555\" stroke-width=\"1\"/><rect x=\"33\" y=\"93\" width=\"69\" height=\"47\" "
                + "fill=\"#0b5a55\"/><text x=\"67\" y=\"89\" font-size=\"11\" text-anchor=\"middle\" fill=\"#111\">120"
                + "</text></svg>")).isTrue();
        assertThat(Pictures.safe("<svg " + NS + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"900\" "
                + "height=\"400\" viewBox=\"0 0 900 400\" aria-label=\"Chaîne « Conserverie »\" font-family=\"DejaVu Sans, "
                + "Verdana, sans-serif\" font-size=\"12\">\n<title>Chaîne</title>\n<defs><marker id=\"arrow\" viewBox=\"0 0 "
                + "10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 "
                + "L0,10 z\" fill=\"#444\"/></marker></defs>\n<polyline class=\"link\" points=\"10.0,20.5 30,40\" fill=\"none\" "
                + "stroke=\"#444444\" stroke-width=\"1.4\" stroke-dasharray=\"7 4\" marker-end=\"url(#arrow)\"/>\n"
                + "<g class=\"node\" data-id=\"e12\"><title>Ateliers</title><rect x=\"1.5\" y=\"2\" width=\"190.0\" "
                + "height=\"40\" rx=\"4\" fill=\"#e4f0f6\" stroke=\"#1f5f7a\" stroke-width=\"1.5\"/><text x=\"9.5\" "
                + "y=\"20\" fill=\"#1d2433\">Ateliers</text></g>\n</svg>\n")).isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        List<String> hostile = List.of(
                "<svg " + NS + "><script>alert(1)</script></svg>",
                "<svg " + NS + " onload=\"alert(1)\"></svg>",
                "<svg " + NS + "><rect fill=\"url(https://ailleurs.example/x)\"/></svg>",
                "<svg " + NS + "><rect fill=\"u\\72l(https://ailleurs.example/x)\"/></svg>",
                "<svg " + NS + "><rect style=\"fill:url(https://ailleurs.example/x)\"/></svg>",
                "<svg " + NS + " xmlns:x=\"http://www.w3.org/1999/xlink\"><g x:href=\"javascript:alert(1)\"/></svg>",
                "<x:svg xmlns:x=\"http://www.w3.org/2000/svg\"><![CDATA[><img src=x onerror=alert(1)>]]></x:svg>",
                "<svg " + NS + "><title><g><![CDATA[><img src=x onerror=alert(1)>]]></g></title></svg>",
                "<svg " + NS + "><text><![CDATA[><img src=x onerror=alert(1)>]]></text></svg>",
                "<svg " + NS + "><!-- --><g/></svg>",
                "<?xml version=\"1.0\"?><svg " + NS + "/>",
                "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg " + NS + "><text>&x;</text></svg>",
                "<svg " + NS + "><text>&x;</text></svg>",
                "<svg><g/></svg>",
                "<svg " + NS + "><svg " + NS + "/></svg>",
                "<svg " + NS + "><g id=\"section-RESULTS\"/></svg>",
                "<svg " + NS + "><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject></svg>",
                "<svg " + NS + "><g xmlns=\"http://www.w3.org/1999/xhtml\"/></svg>",
                "<svg " + NS + "><title>ok</title></svg><script>alert(1)</script>",
                "<svg " + NS + "><title>ok</title></svg>texte",
                "<img src=x onerror=alert(1)>",
                "<svg " + NS + "><title>ok</title>");
        assertThat(hostile).allSatisfy(svg -> assertThat(Pictures.safe(svg)).as(svg).isFalse());
    }
}
