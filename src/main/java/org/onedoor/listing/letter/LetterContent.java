package org.onedoor.listing.letter;

import java.util.List;

/**
 * What a decision letter says, in reading order, ready to be laid out: the heading (authority,
 * title, number), the addressee and the party's particulars, the body paragraphs, the remedies and
 * the signature (authority and date).
 */
public record LetterContent(
    String authority,
    String title,
    String decisionNumber,
    String addressee,
    List<String> particulars,
    List<String> paragraphs,
    String remedies,
    String date) {}
