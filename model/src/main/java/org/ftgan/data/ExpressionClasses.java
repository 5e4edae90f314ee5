package org.ftgan.data;

import java.util.List;
import java.util.Set;

/** Expression class names of the source datasets. */
public final class ExpressionClasses {
    /** The class of every sequence's first frame, and always class 0 of a prepared dataset. */
    public static final String NEUTRAL = "neutral";

    /** FaceScape's 20 expressions; file k_name.obj holds expression number k (1-based) of this list. */
    public static final List<String> FACESCAPE = List.of("neutral", "smile", "mouth_stretch", "anger", "jaw_left",
            "jaw_right", "jaw_forward", "mouth_left", "mouth_right", "dimpler", "chin_raiser", "lip_puckerer",
            "lip_funneler", "sadness", "lip_roll", "grin", "cheek_blowing", "eye_closed", "brow_raiser", "brow_lower");

    /** CoMA sequences that show the movement once to each side: each gives a left and a right class. */
    public static final Set<String> SPLIT_SEQUENCES = Set.of("mouth_side", "mouth_middle", "mouth_up", "mouth_down");

    public static final String LEFT_SUFFIX = "_left";
    public static final String RIGHT_SUFFIX = "_right";

    private ExpressionClasses() {
    }
}
