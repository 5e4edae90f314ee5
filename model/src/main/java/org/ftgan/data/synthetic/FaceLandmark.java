package org.ftgan.data.synthetic;

/** Vertices of the face that expressions aim at or measure from (LEFT = the subject's left, +x). */
enum FaceLandmark {
    MOUTH_CORNER_LEFT, MOUTH_CORNER_RIGHT,
    /** Middle of the upper and of the lower lip edge at the slit. */
    MOUTH_CENTER_UPPER, MOUTH_CENTER_LOWER,
    CHEEK_LEFT, CHEEK_RIGHT,
    BROW_LEFT, BROW_RIGHT,
    /** Centre of the eyelid over each eyeball. */
    EYELID_LEFT, EYELID_RIGHT,
    /** A point on the jaw below each mouth corner. */
    JAW_LEFT, JAW_RIGHT
}
