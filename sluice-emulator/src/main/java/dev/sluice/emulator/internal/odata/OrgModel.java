package dev.sluice.emulator.internal.odata;

import dev.sluice.emulator.internal.schema.OrgSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.serializer.SerializerException;

/**
 * The Olingo EDM of one org, built once per {@link OrgSchema} and shared by {@code $metadata} and the
 * query parser, with the serialized CSDL document. Thread-safe: Olingo's EDM caches are filled while
 * building, and the instance is only read afterwards.
 */
public final class OrgModel {
    private static final Map<OrgSchema, OrgModel> MODELS = new WeakHashMap<>();

    private final OData odata;
    private final ServiceMetadata metadata;
    private final byte[] csdl;

    private OrgModel(OrgSchema schema) {
        this.odata = OData.newInstance();
        this.metadata = odata.createServiceMetadata(new CrmEdmProvider(schema), List.of());
        try (InputStream in = odata.createSerializer(ContentType.APPLICATION_XML).metadataDocument(metadata)
                .getContent()) {
            this.csdl = in.readAllBytes();
        } catch (SerializerException e) {
            throw new IllegalStateException("cannot serialize $metadata: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model of a schema (built on first use). */
    public static OrgModel of(OrgSchema schema) {
        synchronized (MODELS) {
            return MODELS.computeIfAbsent(schema, OrgModel::new);
        }
    }

    public OData odata() {
        return odata;
    }

    public Edm edm() {
        return metadata.getEdm();
    }

    /** The CSDL XML of {@code $metadata}. */
    public byte[] csdl() {
        return csdl.clone();
    }
}
