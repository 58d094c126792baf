package dev.sluice.emulator.internal.odata;

import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.KeyDef;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAbstractEdmProvider;
import org.apache.olingo.commons.api.edm.provider.CsdlAliasInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlAnnotation;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainerInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlFunction;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationPropertyBinding;
import org.apache.olingo.commons.api.edm.provider.CsdlParameter;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlReferentialConstraint;
import org.apache.olingo.commons.api.edm.provider.CsdlReturnType;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;
import org.apache.olingo.commons.api.edm.provider.CsdlTerm;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlCollection;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlConstantExpression;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlConstantExpression.ConstantExpressionType;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlExpression;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlPropertyPath;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlPropertyValue;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlRecord;

/**
 * The org's OData model for Olingo, built once from an {@link OrgSchema} as Dataverse shapes its
 * {@code $metadata} (fact sheet §A.6): namespace {@code Microsoft.Dynamics.CRM} alias {@code mscrm},
 * an abstract {@code crmbaseentity}, one entity type per table named by logical name with its primary
 * id as key, lookups as {@code _x_value} Edm.Guid properties, single-valued navigation properties
 * (lookup side) and collection-valued ones (relationship schema name) with partners, one entity set per
 * table with navigation bindings, alternate keys as the {@code OData.Community.Keys.V1.AlternateKeys}
 * annotation, and the Dataverse query functions as unbound functions. Immutable after construction;
 * thread-safe.
 */
public final class CrmEdmProvider extends CsdlAbstractEdmProvider {
    public static final String NAMESPACE = "Microsoft.Dynamics.CRM";
    public static final String ALIAS = "mscrm";
    public static final String CONTAINER_NAME = "System";
    static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, CONTAINER_NAME);
    static final FullQualifiedName BASE = new FullQualifiedName(NAMESPACE, "crmbaseentity");
    /** OData community vocabulary for alternate keys (used by Dataverse's $metadata). */
    static final String KEYS_NAMESPACE = "OData.Community.Keys.V1";
    static final FullQualifiedName ALTERNATE_KEYS = new FullQualifiedName(KEYS_NAMESPACE, "AlternateKeys");

    private final Map<FullQualifiedName, CsdlEntityType> types = new LinkedHashMap<>();
    private final Map<String, CsdlEntitySet> sets = new LinkedHashMap<>();
    private final Map<FullQualifiedName, List<CsdlFunction>> functions = new LinkedHashMap<>();
    private final CsdlEntityContainer container = new CsdlEntityContainer().setName(CONTAINER_NAME);
    private final CsdlSchema schema = new CsdlSchema().setNamespace(NAMESPACE).setAlias(ALIAS);

    public CrmEdmProvider(OrgSchema org) {
        types.put(BASE, new CsdlEntityType().setName(BASE.getName()).setAbstract(true));
        for (TableDef t : org.tables()) {
            types.put(type(t), entityType(org, t));
            sets.put(t.entitySetName(), entitySet(org, t));
        }
        for (QueryFunction f : QueryFunction.values()) {
            functions.put(new FullQualifiedName(NAMESPACE, f.functionName()), List.of(function(f)));
        }
        container.setEntitySets(new ArrayList<>(sets.values()));
        schema.setEntityTypes(new ArrayList<>(types.values()));
        List<CsdlFunction> all = new ArrayList<>();
        functions.values().forEach(all::addAll);
        schema.setFunctions(all);
        schema.setEntityContainer(container);
    }

    /** The entity type name of a table: {@code Microsoft.Dynamics.CRM.account}. */
    public static FullQualifiedName type(TableDef t) {
        return new FullQualifiedName(NAMESPACE, t.logicalName());
    }

    private static CsdlEntityType entityType(OrgSchema org, TableDef t) {
        List<CsdlProperty> props = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            CsdlProperty p = new CsdlProperty().setName(c.wireName()).setType(c.type().edmType());
            if (c.type().edmType().equals("Edm.String")) {
                p.setUnicode(false);
            }
            if (c.type().edmType().equals("Edm.Decimal")) {
                p.setScale(c.type().name().equals("MONEY") ? 4 : null);
            }
            props.add(p);
        }
        List<CsdlNavigationProperty> navs = new ArrayList<>();
        for (RelationshipDef r : org.singleNavigations(t.logicalName())) {
            TableDef target = org.table(r.referencedTable());
            navs.add(new CsdlNavigationProperty().setName(r.navigationProperty()).setType(type(target))
                    .setNullable(true).setPartner(r.schemaName())
                    .setReferentialConstraints(List.of(new CsdlReferentialConstraint()
                            .setProperty(t.column(r.lookupColumn()).wireName())
                            .setReferencedProperty(target.primaryIdAttribute()))));
        }
        for (RelationshipDef r : org.collectionNavigations(t.logicalName())) {
            navs.add(new CsdlNavigationProperty().setName(r.schemaName())
                    .setType(type(org.table(r.referencingTable()))).setCollection(true)
                    .setPartner(r.navigationProperty()));
        }
        CsdlEntityType e = new CsdlEntityType().setName(t.logicalName()).setBaseType(BASE)
                .setKey(List.of(new CsdlPropertyRef().setName(t.primaryIdAttribute())))
                .setProperties(props).setNavigationProperties(navs);
        if (!t.keys().isEmpty()) {
            e.setAnnotations(List.of(alternateKeys(t)));
        }
        return e;
    }

    /** {@code <Annotation Term="OData.Community.Keys.V1.AlternateKeys">}: a record per key, a PropertyRef per column. */
    private static CsdlAnnotation alternateKeys(TableDef t) {
        List<CsdlExpression> keys = new ArrayList<>();
        for (KeyDef k : t.keys()) {
            List<CsdlExpression> refs = new ArrayList<>();
            for (String col : k.columns()) {
                String wire = t.column(col).wireName();
                refs.add(new CsdlRecord().setType(KEYS_NAMESPACE + ".PropertyRef").setPropertyValues(List.of(
                        new CsdlPropertyValue().setProperty("Alias")
                                .setValue(new CsdlConstantExpression(ConstantExpressionType.String, wire)),
                        new CsdlPropertyValue().setProperty("Name")
                                .setValue(new CsdlPropertyPath().setValue(wire)))));
            }
            keys.add(new CsdlRecord().setType(KEYS_NAMESPACE + ".AlternateKey").setPropertyValues(List.of(
                    new CsdlPropertyValue().setProperty("Key").setValue(new CsdlCollection().setItems(refs)))));
        }
        return new CsdlAnnotation().setTerm(ALTERNATE_KEYS.getFullQualifiedNameAsString())
                .setExpression(new CsdlCollection().setItems(keys));
    }

    private static CsdlEntitySet entitySet(OrgSchema org, TableDef t) {
        List<CsdlNavigationPropertyBinding> bindings = new ArrayList<>();
        for (RelationshipDef r : org.singleNavigations(t.logicalName())) {
            bindings.add(new CsdlNavigationPropertyBinding().setPath(r.navigationProperty())
                    .setTarget(org.table(r.referencedTable()).entitySetName()));
        }
        for (RelationshipDef r : org.collectionNavigations(t.logicalName())) {
            bindings.add(new CsdlNavigationPropertyBinding().setPath(r.schemaName())
                    .setTarget(org.table(r.referencingTable()).entitySetName()));
        }
        return new CsdlEntitySet().setName(t.entitySetName()).setType(type(t)).setNavigationPropertyBindings(bindings);
    }

    private static CsdlFunction function(QueryFunction f) {
        List<CsdlParameter> params = new ArrayList<>();
        params.add(new CsdlParameter().setName("PropertyName").setType("Edm.String").setNullable(false));
        switch (f.argument()) {
            case VALUE -> params.add(new CsdlParameter().setName("PropertyValue").setType("Edm.String")
                    .setNullable(false));
            case VALUES -> params.add(new CsdlParameter().setName("PropertyValues").setType("Edm.String")
                    .setCollection(true).setNullable(false));
            case NONE -> { }
        }
        return new CsdlFunction().setName(f.functionName()).setBound(false).setComposable(false)
                .setParameters(params)
                .setReturnType(new CsdlReturnType().setType("Edm.Boolean").setNullable(false));
    }

    @Override
    public CsdlEntityType getEntityType(FullQualifiedName name) {
        return types.get(resolve(name));
    }

    @Override
    public CsdlEntitySet getEntitySet(FullQualifiedName containerName, String name) {
        return CONTAINER.equals(resolve(containerName)) ? sets.get(name) : null;
    }

    @Override
    public List<CsdlFunction> getFunctions(FullQualifiedName name) {
        return functions.get(resolve(name));
    }

    @Override
    public CsdlTerm getTerm(FullQualifiedName name) {
        if (ALTERNATE_KEYS.equals(name)) {
            return new CsdlTerm().setName(ALTERNATE_KEYS.getName())
                    .setType("Collection(" + KEYS_NAMESPACE + ".AlternateKey)");
        }
        return null;
    }

    @Override
    public CsdlEntityContainer getEntityContainer() {
        return container;
    }

    @Override
    public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
        if (name == null || CONTAINER.equals(resolve(name))) {
            return new CsdlEntityContainerInfo().setContainerName(CONTAINER);
        }
        return null;
    }

    @Override
    public List<CsdlAliasInfo> getAliasInfos() {
        return List.of(new CsdlAliasInfo().setNamespace(NAMESPACE).setAlias(ALIAS));
    }

    @Override
    public List<CsdlSchema> getSchemas() {
        return List.of(schema);
    }

    private static FullQualifiedName resolve(FullQualifiedName name) {
        return name != null && ALIAS.equals(name.getNamespace()) ? new FullQualifiedName(NAMESPACE, name.getName())
                : name;
    }
}
