package io.schemagate.pg.message.backend;

import io.schemagate.pg.message.MalformedMessageException;

/** The transaction status indicator carried by ReadyForQuery. */
public enum TransactionStatus {
    /** 'I': not in a transaction block. */
    IDLE('I'),
    /** 'T': in a transaction block. */
    IN_TRANSACTION('T'),
    /** 'E': in a failed transaction block; statements are refused until the block ends. */
    FAILED('E');

    private final byte indicator;

    TransactionStatus(char indicator) {
        this.indicator = (byte) indicator;
    }

    public byte indicator() {
        return indicator;
    }

    /** Inside an explicit transaction block, failed or not. */
    public boolean inTransactionBlock() {
        return this != IDLE;
    }

    public static TransactionStatus of(byte indicator) {
        return switch (indicator) {
            case 'I' -> IDLE;
            case 'T' -> IN_TRANSACTION;
            case 'E' -> FAILED;
            default -> throw new MalformedMessageException("ReadyForQuery carries unknown transaction status 0x"
                    + Integer.toHexString(indicator & 0xFF));
        };
    }
}
