package be.petition.gateway;

import be.petition.avro.Language;
import java.util.List;
import java.util.Map;

/**
 * The words of the confirmation mail and pages, in the signer's language (English when it is unknown). Every mail
 * and page carries the help lines, as every public page of the campaign does.
 *
 * @param subject mail subject, by kind
 * @param intro the mail's first paragraph, by kind
 * @param action the button on the confirmation page, by kind
 * @param done what the page says once the event is stored, by kind
 */
record ConfirmationTexts(String lang, Map<ConfirmationToken.Kind, String> subject,
                         Map<ConfirmationToken.Kind, String> intro, String linkHint, String ignore,
                         String pageTitle, Map<ConfirmationToken.Kind, String> action,
                         Map<ConfirmationToken.Kind, String> done, String expired, String forged, String malformed,
                         String unavailable, String helpTitle, List<String> helpLines) {

    private static final ConfirmationToken.Kind SIGNATURE = ConfirmationToken.Kind.SIGNATURE;
    private static final ConfirmationToken.Kind WITHDRAWAL = ConfirmationToken.Kind.WITHDRAWAL;

    private static final ConfirmationTexts FR = new ConfirmationTexts("fr",
            Map.of(SIGNATURE, "Confirmez votre signature « Appelez Glenn »",
                    WITHDRAWAL, "Confirmez le retrait de votre signature « Appelez Glenn »"),
            Map.of(SIGNATURE, "Merci d'avoir signé la pétition « Appelez Glenn » de Child Focus. Votre signature ne"
                            + " compte qu'une fois votre adresse confirmée.",
                    WITHDRAWAL, "Vous avez demandé de retirer votre signature de la pétition « Appelez Glenn » de"
                            + " Child Focus. Elle ne sera retirée qu'une fois votre adresse confirmée."),
            "Ouvrez ce lien puis appuyez sur le bouton (le lien est valable {days} jours) :",
            "Si vous n'avez rien demandé, ignorez ce message : rien ne sera compté.",
            "Appelez Glenn – confirmation",
            Map.of(SIGNATURE, "Je confirme ma signature", WITHDRAWAL, "Je retire ma signature"),
            Map.of(SIGNATURE, "Merci ! Votre signature est confirmée.",
                    WITHDRAWAL, "Votre signature est retirée."),
            "Ce lien a expiré. Signez ou demandez le retrait à nouveau : vous recevrez un nouveau lien.",
            "Ce lien n'est pas valable. Ouvrez le lien exact reçu par e-mail, ou signez à nouveau.",
            "Ce lien est incomplet. Copiez le lien entier reçu par e-mail dans votre navigateur.",
            "Nous ne pouvons pas enregistrer votre confirmation pour l'instant. Réessayez dans quelques minutes.",
            "Ça ne va pas, ou vous voulez en parler ?",
            List.of("Child Focus : 116 000 (gratuit, 24 h/24, 7 j/7)",
                    "Centre de Prévention du Suicide : 0800 32 123 (gratuit, 24 h/24)",
                    "Zelfmoordlijn : 1813 (en néerlandais)"));

    private static final ConfirmationTexts NL = new ConfirmationTexts("nl",
            Map.of(SIGNATURE, "Bevestig je handtekening voor \"Bel Glenn\"",
                    WITHDRAWAL, "Bevestig dat je je handtekening voor \"Bel Glenn\" intrekt"),
            Map.of(SIGNATURE, "Bedankt om de petitie \"Bel Glenn\" van Child Focus te tekenen. Je handtekening telt"
                            + " pas mee als je je adres bevestigt.",
                    WITHDRAWAL, "Je vroeg om je handtekening voor de petitie \"Bel Glenn\" van Child Focus in te"
                            + " trekken. Dat gebeurt pas als je je adres bevestigt."),
            "Open deze link en druk op de knop (de link is {days} dagen geldig):",
            "Heb je niets gevraagd? Negeer dit bericht dan: er wordt niets geteld.",
            "Bel Glenn – bevestiging",
            Map.of(SIGNATURE, "Ik bevestig mijn handtekening", WITHDRAWAL, "Ik trek mijn handtekening in"),
            Map.of(SIGNATURE, "Bedankt! Je handtekening is bevestigd.",
                    WITHDRAWAL, "Je handtekening is ingetrokken."),
            "Deze link is verlopen. Teken opnieuw of vraag opnieuw om in te trekken: je krijgt een nieuwe link.",
            "Deze link is niet geldig. Open precies de link uit de e-mail, of teken opnieuw.",
            "Deze link is onvolledig. Kopieer de hele link uit de e-mail naar je browser.",
            "We kunnen je bevestiging nu niet opslaan. Probeer het over enkele minuten opnieuw.",
            "Heb je het moeilijk of wil je erover praten?",
            List.of("Child Focus: 116 000 (gratis, 24/7)",
                    "Zelfmoordlijn: 1813 (gratis, 24/7)",
                    "Centre de Prévention du Suicide: 0800 32 123 (Frans)"));

    private static final ConfirmationTexts DE = new ConfirmationTexts("de",
            Map.of(SIGNATURE, "Bestätigen Sie Ihre Unterschrift für „Appelez Glenn / Bel Glenn“",
                    WITHDRAWAL, "Bestätigen Sie die Rücknahme Ihrer Unterschrift für „Appelez Glenn / Bel Glenn“"),
            Map.of(SIGNATURE, "Danke, dass Sie die Petition „Appelez Glenn / Bel Glenn“ von Child Focus"
                            + " unterschrieben haben. Ihre Unterschrift zählt erst, wenn Sie Ihre Adresse bestätigen.",
                    WITHDRAWAL, "Sie möchten Ihre Unterschrift für die Petition „Appelez Glenn / Bel Glenn“ von"
                            + " Child Focus zurücknehmen. Das geschieht erst, wenn Sie Ihre Adresse bestätigen."),
            "Öffnen Sie diesen Link und drücken Sie auf die Schaltfläche (der Link gilt {days} Tage):",
            "Wenn Sie nichts angefordert haben, ignorieren Sie diese Nachricht: es wird nichts gezählt.",
            "Appelez Glenn / Bel Glenn – Bestätigung",
            Map.of(SIGNATURE, "Ich bestätige meine Unterschrift", WITHDRAWAL, "Ich nehme meine Unterschrift zurück"),
            Map.of(SIGNATURE, "Danke! Ihre Unterschrift ist bestätigt.",
                    WITHDRAWAL, "Ihre Unterschrift ist zurückgenommen."),
            "Dieser Link ist abgelaufen. Unterschreiben Sie erneut oder fordern Sie die Rücknahme erneut an: Sie"
                    + " erhalten einen neuen Link.",
            "Dieser Link ist ungültig. Öffnen Sie genau den Link aus der E-Mail, oder unterschreiben Sie erneut.",
            "Dieser Link ist unvollständig. Kopieren Sie den ganzen Link aus der E-Mail in Ihren Browser.",
            "Wir können Ihre Bestätigung gerade nicht speichern. Versuchen Sie es in einigen Minuten erneut.",
            "Geht es dir nicht gut, oder möchtest du darüber reden?",
            List.of("Child Focus: 116 000 (kostenlos, rund um die Uhr)",
                    "Centre de Prévention du Suicide (Französisch): 0800 32 123",
                    "Zelfmoordlijn (Niederländisch): 1813"));

    private static final ConfirmationTexts EN = new ConfirmationTexts("en",
            Map.of(SIGNATURE, "Confirm your signature for \"Appelez Glenn / Bel Glenn\"",
                    WITHDRAWAL, "Confirm the withdrawal of your signature for \"Appelez Glenn / Bel Glenn\""),
            Map.of(SIGNATURE, "Thank you for signing Child Focus's petition \"Appelez Glenn / Bel Glenn\". Your"
                            + " signature counts once you confirm your address.",
                    WITHDRAWAL, "You asked to withdraw your signature from Child Focus's petition \"Appelez Glenn /"
                            + " Bel Glenn\". It is withdrawn once you confirm your address."),
            "Open this link and press the button (the link is valid for {days} days):",
            "If you did not ask for this, ignore this message: nothing will be counted.",
            "Appelez Glenn / Bel Glenn – confirmation",
            Map.of(SIGNATURE, "I confirm my signature", WITHDRAWAL, "I withdraw my signature"),
            Map.of(SIGNATURE, "Thank you! Your signature is confirmed.",
                    WITHDRAWAL, "Your signature is withdrawn."),
            "This link has expired. Sign, or ask to withdraw, again: you will get a new link.",
            "This link is not valid. Open exactly the link from the e-mail, or sign again.",
            "This link is incomplete. Copy the whole link from the e-mail into your browser.",
            "We cannot store your confirmation right now. Please try again in a few minutes.",
            "Struggling, or want to talk about it?",
            List.of("Child Focus: 116 000 (free, 24/7)",
                    "Centre de Prévention du Suicide (French): 0800 32 123",
                    "Zelfmoordlijn (Dutch): 1813"));

    static ConfirmationTexts of(Language language) {
        return switch (language) {
            case FR -> FR;
            case NL -> NL;
            case DE -> DE;
            default -> EN;
        };
    }

    /** The plain-text mail: why it came, the link, what to do if it was not asked for, the help lines. */
    String mail(ConfirmationToken.Kind kind, String link, long days) {
        StringBuilder text = new StringBuilder();
        text.append(intro.get(kind)).append("\n\n").append(linkHint.replace("{days}", Long.toString(days)))
                .append("\n").append(link).append("\n\n").append(ignore).append("\n\n").append(helpTitle).append("\n");
        helpLines.forEach(line -> text.append("  ").append(line).append("\n"));
        return text.toString();
    }

    /** The refusal a token problem gets ({@link ConfirmationToken.Invalid#reason()}). */
    String refusal(String reason) {
        return switch (reason) {
            case "expired" -> expired;
            case "forged" -> forged;
            default -> malformed;
        };
    }
}
