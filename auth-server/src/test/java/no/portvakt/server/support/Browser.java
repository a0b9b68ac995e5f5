package no.portvakt.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.htmlunit.BrowserVersion;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;

/** A citizen's browser (HtmlUnit), with the steps of the login page spelled out. */
public final class Browser implements AutoCloseable {

    private final WebClient web = new WebClient(BrowserVersion.FIREFOX);

    public Browser() {
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setJavaScriptEnabled(true);
        web.getOptions().setThrowExceptionOnScriptError(true);
        web.addRequestHeader("Accept-Language", "nb-NO,nb;q=0.9,en;q=0.5");
    }

    public Browser withoutJavaScript() {
        web.getOptions().setJavaScriptEnabled(false);
        return this;
    }

    public Browser acceptLanguage(String value) {
        web.addRequestHeader("Accept-Language", value);
        return this;
    }

    public <P extends Page> P open(URI uri) {
        try {
            return web.getPage(uri.toURL());
        } catch (IOException | FailingHttpStatusCodeException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /**
     * On the login page: choose a listed synthetic citizen and a level, and submit; a citizen who may represent
     * someone then chooses "myself" on the representation page.
     */
    public Page loginAs(HtmlPage loginPage, String pid, String acr) {
        Page next = login(loginPage, pid, acr);
        return isRepresentationPage(next) ? actFor((HtmlPage) next, pid) : next;
    }

    public static boolean isRepresentationPage(Page page) {
        return page instanceof HtmlPage html && html.getUrl().getPath().endsWith("/representation")
                && html.getFirstByXPath("//form[contains(@action,'/representation')]") != null;
    }

    /** On the representation page: choose whom to act for, and submit. */
    public Page actFor(HtmlPage representationPage, String representedPid) {
        try {
            HtmlForm form = representationPage.getFirstByXPath("//form[contains(@action,'/representation')]");
            HtmlRadioButtonInput option = form.getFirstByXPath(".//input[@name='pid' and @value='"
                    + representedPid + "']");
            option.setChecked(true);
            org.htmlunit.html.HtmlButton submit = form.getFirstByXPath(".//button[@type='submit']");
            return submit.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On the login page: choose a listed synthetic citizen and a level, and submit; nothing more. */
    public Page login(HtmlPage loginPage, String pid, String acr) {
        try {
            HtmlForm form = loginPage.getFirstByXPath("//form[contains(@action,'/login/testid')]");
            HtmlRadioButtonInput citizen = form.getFirstByXPath(".//input[@name='pid' and @value='" + pid + "']");
            if (citizen != null) {
                citizen.setChecked(true);
            } else {
                form.getInputByName("pidOther").setValue(pid);
            }
            HtmlRadioButtonInput level = form.getFirstByXPath(".//input[@name='acr' and @value='" + acr + "']");
            level.setChecked(true);
            org.htmlunit.html.HtmlButton submit = form.getFirstByXPath(".//button[@type='submit']");
            return submit.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebClient client() {
        return web;
    }

    @Override
    public void close() {
        web.close();
    }
}
