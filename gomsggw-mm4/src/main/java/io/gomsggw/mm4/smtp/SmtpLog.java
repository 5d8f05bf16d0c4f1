package io.gomsggw.mm4.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The package's one logger, {@code io.gomsggw.mm4.smtp}. */
final class SmtpLog {
    static final Logger LOG = LoggerFactory.getLogger("io.gomsggw.mm4.smtp");

    private SmtpLog() {}
}
